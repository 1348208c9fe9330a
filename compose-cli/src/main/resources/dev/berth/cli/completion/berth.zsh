#compdef berth
# zsh completion for berth (`berth completion zsh`): source it after compinit, or save it as _berth in a directory
# of $fpath. Every TAB asks berth itself what may stand there (berth __complete): commands, options, option values,
# and the services and profiles of the project that the -f/-p/--profile words already typed select. Otherwise: files.
_berth() {
  local -a candidates
  candidates=(${(f)"$(${~words[1]} __complete $((CURRENT - 1)) -- "${(@Q)words}" 2>/dev/null)"})
  if (( ${#candidates} )); then
    compadd -- "${candidates[@]}"
  else
    _files
  fi
}
if [[ ${funcstack[1]} == _berth ]]; then
  _berth "$@"
else
  compdef _berth berth
fi
