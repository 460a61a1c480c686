// glibc's malloc tuning (mallopt), which the Glibc module does not bring in. Used once, at start,
// by the executable (HeapGrowth.swift).
#if __has_include(<malloc.h>)
#include <malloc.h>
#endif
