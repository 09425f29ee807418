// libFuzzer target: arbitrary text as the engine's messages to libtapi's remote binding
// (docs/protocol.md: responses and `tapi` events), one message per line. The binding has an
// application, a request waiting for its response and one waiting for its LINE_REPLY, so
// outputs are decoded into caller buffers. Must never crash, overrun a buffer or hang.
#include "remote_binding.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    acd::tapi::client::fuzzRemoteMessages(
        std::string(reinterpret_cast<const char *>(data), size));
    return 0;
}
