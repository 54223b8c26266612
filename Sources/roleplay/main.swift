import ArgumentParser
import RoleplayCLI

// The executable is a thin entry point: every command lives in RoleplayCLI so tests can parse and run
// commands in-process (`Roleplay.parseAsRoot([...])`) without a subprocess.
Roleplay.main()
