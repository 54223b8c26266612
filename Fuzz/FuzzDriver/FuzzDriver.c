// Only the header matters (LLVMFuzzerRunDriver's declaration); SwiftPM needs one source file per C target.
#include "FuzzDriver.h"
