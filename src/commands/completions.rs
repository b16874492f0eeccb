//! `completions SHELL`: clap's script, taught to complete profile names, and the hidden
//! `profile-names` it calls for them.
//!
//! clap's static scripts cannot know the names in a data folder, so bash, zsh and fish
//! get a few lines that ask `trustbook profile-names` when a name is wanted: after
//! `--profile`, `--with`, `--stop` and `--partner`, and for `compare` and `rename`.

use std::process::ExitCode;

use clap_complete::Shell;

/// Options whose value is a profile name.
const NAME_OPTIONS: [&str; 4] = ["--profile", "--with", "--stop", "--partner"];

/// `trustbook completions SHELL`: prints the script of `cli` for `shell` on stdout (made
/// from the command line's definition alone: no workbook needed).
pub fn run(shell: Shell, mut cli: clap::Command) -> ExitCode {
    super::write_stdout(script(shell, &mut cli).as_bytes(), "completions")
}

/// The completion script for `shell`, from the command-line definition `cmd`.
pub fn script(shell: Shell, cmd: &mut clap::Command) -> String {
    let mut out = Vec::new();
    clap_complete::generate(shell, cmd, "trustbook", &mut out);
    let script = String::from_utf8_lossy(&out).into_owned();
    match shell {
        Shell::Bash => format!("{script}{BASH}"),
        Shell::Zsh => zsh(&script),
        Shell::Fish => format!("{script}{FISH}"),
        // No name completion there yet: the plain script.
        _ => script,
    }
}

/// Lines of the bash script: a wrapper around clap's `_trustbook` that offers names.
const BASH: &str = r#"
# Profile names, from the data folder, where a name is wanted.
_trustbook_names() {
    local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}" w
    case "$prev" in
        --profile|--with|--stop|--partner)
            COMPREPLY=($(compgen -W "$(trustbook profile-names 2>/dev/null)" -- "$cur"))
            return 0;;
    esac
    for w in "${COMP_WORDS[@]:1:COMP_CWORD-1}"; do
        case "$w" in
            compare|rename)
                if [[ "$cur" != -* && "$prev" != --* ]]; then
                    COMPREPLY=($(compgen -W "$(trustbook profile-names 2>/dev/null)" -- "$cur"))
                    return 0
                fi;;
        esac
    done
    _trustbook "$@"
}
complete -F _trustbook_names -o bashdefault -o default trustbook
"#;

/// Lines of the fish script: extra candidates, which fish adds to clap's.
const FISH: &str = r#"
# Profile names, from the data folder, where a name is wanted.
complete -c trustbook -l profile -x -a "(trustbook profile-names 2>/dev/null)"
complete -c trustbook -l with -x -a "(trustbook profile-names 2>/dev/null)"
complete -c trustbook -l stop -x -a "(trustbook profile-names 2>/dev/null)"
complete -c trustbook -l partner -x -a "(trustbook profile-names 2>/dev/null)"
complete -c trustbook -n "__fish_seen_subcommand_from compare rename" -f -a "(trustbook profile-names 2>/dev/null)"
"#;

/// The zsh function that lists names, put after `#compdef`.
const ZSH_NAMES: &str = r#"
_trustbook_profiles() {
    local -a names
    names=(${(f)"$(trustbook profile-names 2>/dev/null)"})
    compadd -a names
}
"#;

/// clap's zsh script with the name options and arguments completed by `_trustbook_profiles`.
fn zsh(script: &str) -> String {
    let mut out = String::with_capacity(script.len() + ZSH_NAMES.len());
    for (n, line) in script.lines().enumerate() {
        let wants_name = NAME_OPTIONS
            .iter()
            .any(|o| line.starts_with(&format!("'{o}=")) || line.starts_with(&format!("'(--stop){o}=")))
            || [":a -- ", ":b -- ", ":old -- "]
                .iter()
                .any(|p| line.starts_with(&format!("'{p}")));
        match line.rfind(":_default'") {
            Some(at) if wants_name => {
                out.push_str(&line[..at]);
                out.push_str(":_trustbook_profiles'");
                out.push_str(&line[at + ":_default'".len()..]);
            }
            _ => out.push_str(line),
        }
        out.push('\n');
        if n == 0 {
            out.push_str(ZSH_NAMES);
        }
    }
    out
}

/// `profile-names`: every own and partner profile name in the data folder, one per line,
/// for the completion scripts. Reads only: a missing folder prints nothing, and
/// nothing is created, narrowed or locked.
pub fn profile_names(g: &super::Globals) -> ExitCode {
    let Ok(dir) = trustbook::store::resolve_data_dir(g.data_dir.as_deref()) else {
        return ExitCode::SUCCESS;
    };
    let mut names: Vec<String> = trustbook::store::list_profiles(&dir)
        .into_iter()
        .map(|p| p.name)
        .filter(|n| trustbook::store::validate_profile(n).is_ok())
        .collect();
    names.sort();
    names.dedup();
    let mut text = names.join("\n");
    if !text.is_empty() {
        text.push('\n');
    }
    match super::print_result(&text) {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::from(1),
    }
}
