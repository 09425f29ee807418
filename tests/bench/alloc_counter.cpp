#include "alloc_counter.h"

#include <atomic>
#include <cstdlib>
#include <malloc.h>
#include <new>

namespace {
std::atomic<std::size_t> g_live{0};
std::atomic<bool> g_counting{false};
} // namespace

namespace acd::bench {
std::size_t liveHeapBytes()
{
    return g_live.load(std::memory_order_relaxed);
}
void setHeapCounting(bool on)
{
    g_counting.store(on, std::memory_order_relaxed);
}
} // namespace acd::bench

void *operator new(std::size_t n)
{
    void *p = std::malloc(n ? n : 1);
    if (!p)
        throw std::bad_alloc();
    if (g_counting.load(std::memory_order_relaxed))
        g_live.fetch_add(malloc_usable_size(p), std::memory_order_relaxed);
    return p;
}

void operator delete(void *p) noexcept
{
    if (!p)
        return;
    // Frees of blocks allocated before counting began are not subtracted: the benchmark
    // frees only what it allocated while counting.
    if (g_counting.load(std::memory_order_relaxed))
        g_live.fetch_sub(malloc_usable_size(p), std::memory_order_relaxed);
    std::free(p);
}

void operator delete(void *p, std::size_t) noexcept
{
    operator delete(p);
}
