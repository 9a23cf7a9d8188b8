# fish completion for vaxsim. Load it with
#	vaxsim completion fish | source
# or save it as ~/.config/fish/completions/vaxsim.fish.
function __vaxsim_complete
	set -l words (commandline -opc) (commandline -ct)
	set -l found ($words[1] __complete $words[2..-1] 2>/dev/null)
	if test (count $found) -eq 0
		__fish_complete_path (commandline -ct)
	else
		printf '%s\n' $found
	end
end
complete -c vaxsim -f -a '(__vaxsim_complete)'
