#include "agent_state.h"

#include <QCoreApplication>

#include <array>

namespace desk {
namespace {

struct StateText {
    AgentState state;
    const char *key;
    const char *name;
};

// The one table of state texts.
constexpr std::array kStates{
    StateText{AgentState::LoggedOut, "logged-out",
              QT_TRANSLATE_NOOP("desk::AgentState", "Logged out")},
    StateText{AgentState::NotReady, "not-ready",
              QT_TRANSLATE_NOOP("desk::AgentState", "Not Ready")},
    StateText{AgentState::Ready, "ready", QT_TRANSLATE_NOOP("desk::AgentState", "Ready")},
    StateText{AgentState::OnAcdCall, "acd-call",
              QT_TRANSLATE_NOOP("desk::AgentState", "On ACD call")},
    StateText{AgentState::OnOtherCall, "other-call",
              QT_TRANSLATE_NOOP("desk::AgentState", "On other call")},
    StateText{AgentState::WrapUp, "wrap-up", QT_TRANSLATE_NOOP("desk::AgentState", "Wrap-up")},
    StateText{AgentState::Unknown, "unknown", QT_TRANSLATE_NOOP("desk::AgentState", "Unknown")},
};

} // namespace

AgentState fromLineAgentState(DWORD s)
{
    switch (s) {
    case LINEAGENTSTATE_LOGGEDOFF:
        return AgentState::LoggedOut;
    case LINEAGENTSTATE_NOTREADY:
        return AgentState::NotReady;
    case LINEAGENTSTATE_READY:
        return AgentState::Ready;
    case LINEAGENTSTATE_BUSYACD:
        return AgentState::OnAcdCall;
    case LINEAGENTSTATE_BUSYINCOMING:
    case LINEAGENTSTATE_BUSYOUTBOUND:
    case LINEAGENTSTATE_BUSYOTHER:
        return AgentState::OnOtherCall;
    case LINEAGENTSTATE_WORKINGAFTERCALL:
        return AgentState::WrapUp;
    default:
        return AgentState::Unknown;
    }
}

QString displayName(AgentState state)
{
    for (const StateText &t : kStates)
        if (t.state == state)
            return QCoreApplication::translate("desk::AgentState", t.name);
    return {};
}

QString key(AgentState state)
{
    for (const StateText &t : kStates)
        if (t.state == state)
            return QString::fromLatin1(t.key);
    return {};
}

AgentState fromKey(const QString &k)
{
    for (const StateText &t : kStates)
        if (k == QLatin1String(t.key))
            return t.state;
    return AgentState::Unknown;
}

QString displayName(LinkState state)
{
    switch (state) {
    case LinkState::Offline:
        return QCoreApplication::translate("desk::LinkState", "Offline");
    case LinkState::Connecting:
        return QCoreApplication::translate("desk::LinkState", "Connecting");
    case LinkState::Online:
        return QCoreApplication::translate("desk::LinkState", "Connected");
    case LinkState::Reconnecting:
        return QCoreApplication::translate("desk::LinkState",
                                           "Connection to the engine lost - reconnecting");
    }
    return {};
}

} // namespace desk
