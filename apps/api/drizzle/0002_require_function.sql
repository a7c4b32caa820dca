-- ff_require(ok, message): raises when ok is not true, else returns true. It lets one data-modifying
-- statement abort itself (and so write nothing) when a condition computed inside it fails; checkout uses
-- it to demand that every line of an order found a stock row to reserve.
CREATE FUNCTION ff_require(ok boolean, message text) RETURNS boolean
LANGUAGE plpgsql AS $$
BEGIN
  IF ok IS NOT TRUE THEN
    RAISE EXCEPTION '%', message USING ERRCODE = 'P0001';
  END IF;
  RETURN true;
END
$$;
