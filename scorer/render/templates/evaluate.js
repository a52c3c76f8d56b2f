/* The evaluation page needs no behaviour; an empty script keeps the CSP strict. */
