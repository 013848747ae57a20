" Drives Vim (Ex mode, no terminal) configured with the snippets from docs/editors.md; vim_check.sh starts it.
" Each entry point writes what Vim shows to g:out as lines `file:line:col:type:text`, then quits.
" Entries are read from the quickfix or location list as a user would see them (`:clist`, `:lopen`).

function! s:Wait(Condition, seconds) abort
  " Vim runs job callbacks and timers while it sleeps, even in Ex mode.
  let l:tries = a:seconds * 10
  while !a:Condition() && l:tries > 0
    sleep 100m
    let l:tries -= 1
  endwhile
  return a:Condition()
endfunction

function! s:Entries(list) abort
  return map(filter(copy(a:list), 'v:val.valid'),
        \ {_, e -> printf('%s:%d:%d:%s:%s', fnamemodify(bufname(e.bufnr), ':.'), e.lnum, e.col, e.type,
        \                 split(e.text, "\n")[0])})
endfunction

" The edit both modes make without saving: the query two lines down, after two non-ASCII characters (four bytes).
function! s:EditWithoutSaving() abort
  call append(2, ['  // one', '  // two'])
  call setline(6, substitute(getline(6), 'await', "const \u00e9 = '\u00fc'; await", ''))
endfunction

" Where `:cc 1` / `:ll 1` puts the cursor: line, byte column, and the word there.
function! s:Cursor() abort
  return printf('cursor:%d:%d:%s', line('.'), col('.'), expand('<cword>'))
endfunction

" `:compiler connlint` + `:make` on the project, then `:Connlint` on the unsaved buffer.
function! CheckQuickfix(file) abort
  let l:lines = []
  execute 'edit' fnameescape(a:file)
  compiler connlint
  silent make
  call extend(l:lines, map(s:Entries(getqflist()), '"make:" . v:val'))
  call s:EditWithoutSaving()
  silent Connlint
  call extend(l:lines, map(s:Entries(getqflist()), '"unsaved:" . v:val'))
  silent cc 1
  call add(l:lines, s:Cursor())
  call s:Finish(l:lines)
endfunction

" ALE lints again after a change; wait until its location list differs from a:before (Vim shifts the old entries'
" lines as lines are inserted, so the list is taken after the edit).
function! s:AleRelint(before) abort
  ALELint
  return s:Wait({-> getloclist(0) != a:before}, 30)
endfunction

" An ALE linter (language server or `connlint check`): its findings in the location list, then after an unsaved edit,
" then (language server) the quick fix.
function! CheckAle(file, quickfix) abort
  let l:lines = []
  execute 'edit' fnameescape(a:file)
  if !s:AleRelint([])
    call add(l:lines, 'TIMEOUT: ALE shows nothing')
  endif
  call extend(l:lines, map(s:Entries(getloclist(0)), '"open:" . v:val'))
  call s:EditWithoutSaving()
  call s:AleRelint(getloclist(0))
  call extend(l:lines, map(s:Entries(getloclist(0)), '"unsaved:" . v:val'))
  silent! ll 1
  call add(l:lines, s:Cursor())
  if a:quickfix
    " `:ALECodeAction` asks which action to apply with input(), which a test cannot answer; ALE's own popup menu
    " passes a callback instead, and so does this.
    let s:actions = []
    call ale#codefix#Execute(0, {data, actions -> add(s:actions, [data, actions])})
    if !s:Wait({-> !empty(s:actions)}, 30)
      call add(l:lines, 'TIMEOUT: no code actions')
    else
      let [l:data, l:actions] = s:actions[0]
      call add(l:lines, 'actions:' . join(map(copy(l:actions), 'v:val[1].title'), ' | '))
      if len(l:actions) == 1
        let l:line = line('.')
        call ale#codefix#ApplyLSPCodeAction(l:data, l:actions[0][1])
        call add(l:lines, 'inserted:' . getline(l:line))
        call s:AleRelint(getloclist(0))
        call add(l:lines, 'after-fix:' . join(s:Entries(getloclist(0)), ' | '))
      endif
    endif
  endif
  call s:Finish(l:lines)
endfunction

function! s:Finish(lines) abort
  call writefile(a:lines, g:out)
  qa!
endfunction
