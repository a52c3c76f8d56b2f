// The comparison page needs no script; this empty file keeps the shared layout's CSP hash valid.
