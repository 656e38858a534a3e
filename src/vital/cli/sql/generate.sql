-- `vital db generate`: index upkeep of a bulk load goes faster with more memory (this transaction only).
SET LOCAL maintenance_work_mem = '512MB'
