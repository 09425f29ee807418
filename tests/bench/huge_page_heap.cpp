#include "huge_page_heap.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace acd::bench {

void reexecWithHugePageHeap(char **argv)
{
    constexpr const char *kSetting = "glibc.malloc.hugetlb=1";
    const char *current = std::getenv("GLIBC_TUNABLES");
    if (current && std::strstr(current, "glibc.malloc.hugetlb"))
        return; // set by the caller (either way) or by the re-execution
    std::string tunables = current && *current ? std::string(current) + ":" + kSetting : kSetting;
    ::setenv("GLIBC_TUNABLES", tunables.c_str(), 1);
    ::execv("/proc/self/exe", argv);
    std::fprintf(stderr, "acd-bench: could not re-execute with %s (%s); running without\n",
                 kSetting, std::strerror(errno));
}

} // namespace acd::bench
