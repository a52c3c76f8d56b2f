"""`rolscore serve`: the scoring page and API a 司法局 hosts on its intranet.

A draft arrives as an upload, is held in memory only, is scored in a pool of worker
processes (rubrics compiled once per worker) and is answered with the same scorecard
page `score --html` writes, or with the `score --format json` contract.
"""
