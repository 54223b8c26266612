#ifndef ROLEPLAY_FUZZ_DRIVER_H
#define ROLEPLAY_FUZZ_DRIVER_H

#include <stddef.h>
#include <stdint.h>

/// libFuzzer's documented entry for programs that have their own `main` (compiler-rt FuzzerInterface.h).
///
/// SwiftPM links a Linux executable with `main` aliased to `<Target>_main`, so libFuzzer's own `main` is never
/// pulled in; each harness defines `<Target>_main` and hands control to libFuzzer through this function.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
