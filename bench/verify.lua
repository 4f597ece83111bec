-- wrk script for health-verify: a fresh token from $TOKENS for every request (each may be used once).
local tokens, i, step = {}, 0, 1
local counter = 0
function setup(thread) thread:set("tid", counter); counter = counter + 1 end
function init(args)
  for line in io.lines(os.getenv("TOKENS")) do tokens[#tokens + 1] = line end
  i = tid or 0
  step = tonumber(os.getenv("THREADS") or "1")
end
function request()
  i = i + step
  local body = '{"checkpoint":"' .. os.getenv("CP") .. '","token":"' .. tokens[i] .. '"}'
  return wrk.format("POST", "/api/v1/health-codes/verify", { ["content-type"] = "application/json", ["authorization"] = "Bearer " .. os.getenv("TOKEN") }, body)
end
