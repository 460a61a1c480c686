// libyaml's C event API for the Scenarios module. No `link` line in module.modulemap: Scenarios
// links libyaml.a itself (-l:libyaml.a), so the binary does not need libyaml-0-2 at run time.
#include <yaml.h>
