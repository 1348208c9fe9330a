# bash completion for berth (`berth completion bash`): source it, or save it as /etc/bash_completion.d/berth.
# Every TAB asks berth itself what may stand there (berth __complete): commands, options, option values, and the
# services and profiles of the project that the -f/-p/--profile words already typed select. Otherwise: file names.
_berth() {
  local IFS=$'\n'
  COMPREPLY=($("${COMP_WORDS[0]}" __complete "$COMP_CWORD" -- "${COMP_WORDS[@]}" 2>/dev/null))
}
complete -o default -F _berth berth
