-- Drives Neovim headless for test/editors/editors.test.ts: runs the Neovim block of
-- docs/editors.md unchanged, opens the zone files given, and writes what the user would see
-- (filetype, diagnostics, the hover and code actions at the first one, code lenses) as JSON.
-- Environment: SPF_LENS_EDITOR_BLOCK (the block as a file), SPF_LENS_EDITOR_FILES (comma-separated),
-- SPF_LENS_EDITOR_WAIT (JSON: file → a code to wait for), SPF_LENS_EDITOR_DNS ('127.0.0.1:PORT'),
-- SPF_LENS_EDITOR_OUT (where the JSON goes).

-- Debian 12 ships Neovim 0.7, which has neither vim.lsp.start nor vim.fs (the block needs 0.8):
-- stand-ins with the same meaning, so the block itself runs as written.
if not vim.fs then
  vim.fs = {
    dirname = function(path) return vim.fn.fnamemodify(path, ':h') end,
    find = function(name, opts)
      local found = vim.fn.finddir(name, opts.path .. ';')
      if found == '' then return {} end
      return { (vim.fn.fnamemodify(found, ':p'):gsub('/$', '')) }
    end,
  }
end
local clients = {}
local start = vim.lsp.start or function(config)
  local key = config.name .. '\0' .. config.root_dir
  clients[key] = clients[key] or vim.lsp.start_client(config)
  vim.lsp.buf_attach_client(0, clients[key])
  return clients[key]
end
-- Hermetic: live lookups go to the loopback test DNS server (the server also runs with
-- SPF_LENS_LOOPBACK_ONLY=1, so it could not ask any other).
vim.lsp.start = function(config, ...)
  config = vim.tbl_deep_extend('force', config, { init_options = { settings = { dns = { servers = { os.getenv('SPF_LENS_EDITOR_DNS') } } } } })
  return start(config, ...)
end

dofile(os.getenv('SPF_LENS_EDITOR_BLOCK'))

local function code_of(d) return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) end
local wait_for = vim.fn.json_decode(os.getenv('SPF_LENS_EDITOR_WAIT'))
local results = {}
for _, name in ipairs(vim.split(os.getenv('SPF_LENS_EDITOR_FILES'), ',')) do
  vim.cmd('edit ' .. vim.fn.fnameescape(name))
  local buf = vim.api.nvim_get_current_buf()
  vim.wait(15000, function()
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      if code_of(d) == wait_for[name] then return true end
    end
    return false
  end, 50)
  local result = { file = name, filetype = vim.bo[buf].filetype, diagnostics = {}, actions = {}, lenses = {} }
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(result.diagnostics, { code = code_of(d), range = { d.lnum, d.col, d.end_lnum, d.end_col } })
  end
  local first = vim.diagnostic.get(buf)[1]
  if first then
    local document = { uri = vim.uri_from_bufnr(buf) }
    local hover = vim.lsp.buf_request_sync(buf, 'textDocument/hover', { textDocument = document, position = { line = first.lnum, character = first.col } }, 5000)
    for _, response in pairs(hover or {}) do
      if response.result then result.hover = response.result.contents.value end
    end
    -- The LSP form of the line's diagnostics, as vim.lsp.buf.code_action() sends them: 0.8 and
    -- later keep it in user_data.lsp; 0.7 converts back with get_line_diagnostics.
    local line_diagnostics = {}
    for _, d in ipairs(vim.diagnostic.get(buf, { lnum = first.lnum })) do
      if d.user_data and d.user_data.lsp and d.user_data.lsp.range then table.insert(line_diagnostics, d.user_data.lsp) end
    end
    if #line_diagnostics == 0 and vim.lsp.diagnostic.get_line_diagnostics then
      line_diagnostics = vim.lsp.diagnostic.get_line_diagnostics(buf, first.lnum)
    end
    local actions = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', {
      textDocument = document,
      range = { start = { line = first.lnum, character = 0 }, ['end'] = { line = first.lnum + 1, character = 0 } },
      context = { diagnostics = line_diagnostics },
    }, 5000)
    for _, response in pairs(actions or {}) do
      for _, action in ipairs(response.result or {}) do table.insert(result.actions, action.title) end
    end
    local lenses = vim.lsp.buf_request_sync(buf, 'textDocument/codeLens', { textDocument = document }, 5000)
    for _, response in pairs(lenses or {}) do
      for _, lens in ipairs(response.result or {}) do table.insert(result.lenses, lens.command and lens.command.title or '') end
    end
  end
  table.insert(results, result)
end

local out = assert(io.open(os.getenv('SPF_LENS_EDITOR_OUT'), 'w'))
out:write(vim.fn.json_encode({ version = vim.version(), results = results }))
out:close()
vim.cmd('qa!')
