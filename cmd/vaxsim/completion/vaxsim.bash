# bash completion for vaxsim. Load it with
#	source <(vaxsim completion bash)
# or save it as a file in ~/.local/share/bash-completion/completions/vaxsim.
_vaxsim() {
	local IFS=$'\n'
	COMPREPLY=($("${COMP_WORDS[0]}" __complete "${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null))
	if [[ ${COMPREPLY[*]} == *= ]] && type compopt >/dev/null 2>&1; then
		compopt -o nospace 2>/dev/null # key= is followed by a value
	fi
}
complete -o default -F _vaxsim vaxsim
