-- match_many.lua - wrk script: POST /match with a different query each
-- request, cycling through every row of the CSV files named after `--`
-- (the screening evaluation files: full_name or name, date_of_birth,
-- nationality), so that no cache of one query's answer flatters the
-- server.  usage: wrk -s bench/match_many.lua URL/match/default -- A.csv ...
local bodies = {}
local n = 0

-- splits one CSV line (RFC 4180 quotes; no newline inside a field)
local function fields(line)
  local out, i, len = {}, 1, #line
  while i <= len + 1 do
    if line:sub(i, i) == '"' then
      local j, buf = i + 1, {}
      while j <= len do
        local c = line:sub(j, j)
        if c == '"' and line:sub(j + 1, j + 1) == '"' then
          buf[#buf + 1] = '"'; j = j + 2
        elseif c == '"' then
          j = j + 1; break
        else
          buf[#buf + 1] = c; j = j + 1
        end
      end
      out[#out + 1] = table.concat(buf)
      i = j + 1
    else
      local j = line:find(",", i, true) or (len + 1)
      out[#out + 1] = line:sub(i, j - 1)
      i = j + 1
    end
  end
  return out
end

local function esc(s)
  return (s:gsub('[%c"\\]', function(c) return string.format("\\u%04x", c:byte()) end))
end

function init(args)
  for _, path in ipairs(args) do
    local col = {}
    for line in io.lines(path) do
      line = line:gsub("\r$", "")
      local f = fields(line)
      if next(col) == nil then
        for k, v in ipairs(f) do col[v] = k end
      else
        local name = f[col.full_name or col.name or 1]
        if name and #name > 0 then
          local props = '"name": ["' .. esc(name) .. '"]'
          local dob = col.date_of_birth and f[col.date_of_birth]
          if dob and #dob > 0 then props = props .. ', "birthDate": ["' .. esc(dob) .. '"]' end
          local nat = col.nationality and f[col.nationality]
          if nat and #nat > 0 then props = props .. ', "nationality": ["' .. esc(nat) .. '"]' end
          local schema = col.schema and f[col.schema]
          if not schema or #schema == 0 then schema = "Person" end
          n = n + 1
          bodies[n] = '{"queries": {"q": {"schema": "' .. esc(schema) .. '", "properties": {' .. props .. '}}}}'
        end
      end
    end
  end
  if n == 0 then error("no query rows in " .. table.concat(args, " ")) end
  -- each thread starts at its own place in the list
  math.randomseed(os.time() + n)
  n_at = math.random(n)
end

request = function()
  n_at = n_at % n + 1
  return wrk.format("POST", nil, { ["Content-Type"] = "application/json" }, bodies[n_at])
end
