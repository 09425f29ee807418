#include "host_steal.h"

#include <charconv>
#include <fstream>
#include <iterator>

namespace acd::load {

MachineCpu parseMachineCpu(std::string_view procStat)
{
    constexpr std::string_view prefix = "cpu ";
    if (procStat.substr(0, prefix.size()) != prefix)
        return {};
    std::string_view line = procStat.substr(prefix.size(), procStat.find('\n') - prefix.size());
    // user nice system idle iowait irq softirq steal [guest guest_nice]: guest time is already
    // counted in user and nice, so only the first eight fields add up to the total.
    unsigned long long fields[8] = {};
    int count = 0;
    const char *p = line.data();
    const char *end = line.data() + line.size();
    while (count < 8) {
        while (p < end && *p == ' ')
            ++p;
        if (p == end)
            break;
        auto [next, error] = std::from_chars(p, end, fields[count]);
        if (error != std::errc())
            return {};
        p = next;
        ++count;
    }
    if (count < 8)
        return {};
    MachineCpu cpu;
    for (unsigned long long v : fields)
        cpu.total += v;
    cpu.steal = fields[7];
    return cpu;
}

MachineCpu readMachineCpu(const std::string &path)
{
    std::ifstream in(path);
    std::string text((std::istreambuf_iterator<char>(in)), {});
    return parseMachineCpu(text);
}

double stealShare(const MachineCpu &before, const MachineCpu &after)
{
    if (after.total <= before.total || after.steal < before.steal)
        return 0;
    return static_cast<double>(after.steal - before.steal)
           / static_cast<double>(after.total - before.total);
}

} // namespace acd::load
