-- `vital serve` before it starts: the API's login works.
SELECT session_user AS login
