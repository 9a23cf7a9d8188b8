#compdef vaxsim
# zsh completion for vaxsim. Load it with
#	source <(vaxsim completion zsh)
# or save it as _vaxsim in a folder of $fpath.
_vaxsim() {
	local -a found keys
	found=(${(f)"$(${words[1]} __complete ${(@)words[2,CURRENT]} 2>/dev/null)"})
	if (( ${#found} == 0 )); then
		_files
		return
	fi
	keys=(${(M)found:#*=})
	found=(${found:#*=})
	(( ${#keys} )) && compadd -Q -S '' -- $keys
	(( ${#found} )) && compadd -Q -- $found
}
if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
	_vaxsim "$@"
else
	compdef _vaxsim vaxsim
fi
