#include "recording_sink.h"

namespace acd::tapi::test {

std::vector<LINEMESSAGE> RecordingSink::with(DWORD id) const
{
    std::vector<LINEMESSAGE> out;
    for (const LINEMESSAGE &m : messages)
        if (m.dwMessageID == id)
            out.push_back(m);
    return out;
}

LONG RecordingSink::reply(LONG requestId) const
{
    for (const LINEMESSAGE &m : messages)
        if (m.dwMessageID == LINE_REPLY && m.dwParam1 == static_cast<DWORD_PTR>(requestId))
            return static_cast<LONG>(static_cast<DWORD>(m.dwParam2));
    return 1;
}

std::size_t RecordingSink::replies(LONG requestId) const
{
    std::size_t n = 0;
    for (const LINEMESSAGE &m : messages)
        n += m.dwMessageID == LINE_REPLY && m.dwParam1 == static_cast<DWORD_PTR>(requestId);
    return n;
}

} // namespace acd::tapi::test
