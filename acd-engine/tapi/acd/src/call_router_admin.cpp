// Route point changes while running (the admin API): lines move between owner and monitor.
#include "acd/tapi/call_router.h"

namespace acd::tapi {

HLINE CallRouter::openLine(DWORD device, bool routePoint, LONG &r)
{
    DWORD api = 0;
    LINEEXTENSIONID ext{};
    r = m_ctx.server.lineNegotiateAPIVersion(kEngineClient, m_app, device, TAPI_VERSION2_0,
                                             TAPI_VERSION2_2, &api, &ext);
    if (r != 0)
        return 0;
    HLINE line = 0;
    r = m_ctx.server.lineOpen(kEngineClient, m_app, device, &line, api, 0, 0,
                              routePoint ? LINECALLPRIVILEGE_OWNER : LINECALLPRIVILEGE_MONITOR,
                              LINEMEDIAMODE_INTERACTIVEVOICE, nullptr);
    return r == 0 ? line : 0;
}

std::string CallRouter::applyRoutePoints()
{
    std::string error;
    std::map<std::string, const db::RoutePointConfig *> wanted;
    for (const db::RoutePointConfig &rp : m_ctx.config.routePoints)
        wanted[rp.address] = &rp;
    // Removed route points go back to being monitored stations.
    for (auto it = m_routePointLines.begin(); it != m_routePointLines.end();) {
        if (wanted.count(it->second)) {
            ++it;
            continue;
        }
        const std::string address = it->second;
        m_ctx.server.lineClose(kEngineClient, it->first);
        it = m_routePointLines.erase(it);
        LONG r = 0;
        DWORD device = m_ctx.server.deviceByAddress(address);
        if (device != LINEMAPPER)
            if (HLINE line = openLine(device, false, r))
                m_stationLines[line] = address;
    }
    // New route points: the router becomes their owner.
    std::map<std::string, const db::RoutePointConfig *> bound;
    for (const auto &[address, rp] : wanted) {
        bool open = false;
        for (const auto &[line, a] : m_routePointLines)
            open = open || a == address;
        if (!open) {
            DWORD device = m_ctx.server.deviceByAddress(address);
            if (device == LINEMAPPER) {
                if (error.empty())
                    error = "route point '" + address + "' is not a line of any provider";
                continue;
            }
            for (auto it = m_stationLines.begin(); it != m_stationLines.end(); ++it) {
                if (it->second == address) {
                    m_ctx.server.lineClose(kEngineClient, it->first);
                    m_stationLines.erase(it);
                    break;
                }
            }
            LONG r = 0;
            HLINE line = openLine(device, true, r);
            if (!line) {
                if (error.empty())
                    error = "route point '" + address + "': lineOpen failed ("
                            + std::to_string(r) + ")";
                if (HLINE monitor = openLine(device, false, r))
                    m_stationLines[monitor] = address;
                continue;
            }
            m_routePointLines[line] = address;
        }
        bound[address] = rp;
    }
    m_routePoints = std::move(bound);
    return error;
}

std::size_t CallRouter::callsAt(const std::string &routePoint) const
{
    std::size_t n = 0;
    for (const auto &[id, call] : m_calls)
        n += call.routePoint == routePoint ? 1 : 0;
    return n;
}

} // namespace acd::tapi
