#include "numbered_run.h"

#include "acd/net/ws_frame.h"

#include <charconv>

namespace acd::net::detail {
namespace {

void appendFrames(std::string &out, const NumberedRun &run)
{
    std::size_t begin = run.begin;
    std::uint64_t number = run.firstNumber;
    char digits[24];
    for (std::uint32_t end : run.ends) {
        const char *digitsEnd = std::to_chars(digits, digits + sizeof digits, number++).ptr;
        const auto digitCount = static_cast<std::size_t>(digitsEnd - digits);
        appendFrameHeader(out, Opcode::Text, run.prefix.size() + digitCount + (end - begin));
        out.append(run.prefix)
            .append(digits, digitCount)
            .append(run.messages.substr(begin, end - begin));
        begin = end;
    }
}

} // namespace

std::size_t numberedFrameSize(std::size_t prefixSize, std::uint64_t number, std::size_t bodySize)
{
    char digits[24];
    const auto digitCount = static_cast<std::size_t>(
        std::to_chars(digits, digits + sizeof digits, number).ptr - digits);
    return frameSize(prefixSize + digitCount + bodySize);
}

void appendWithRuns(std::string &out, std::string_view bytes, const std::vector<NumberedRun> &runs)
{
    std::size_t done = 0;
    for (const NumberedRun &run : runs) {
        out.append(bytes.substr(done, run.at - done));
        done = run.at;
        appendFrames(out, run);
    }
    out.append(bytes.substr(done));
}

} // namespace acd::net::detail
