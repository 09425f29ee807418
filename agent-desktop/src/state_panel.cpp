#include "state_panel.h"

#include "agent_session.h"
#include "call_model.h"
#include "figures_model.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace desk {
namespace {

QString colorOf(AgentState state, bool ringing)
{
    if (ringing)
        return QStringLiteral("#f9a825");
    switch (state) {
    case AgentState::Ready:
        return QStringLiteral("#2e7d32");
    case AgentState::NotReady:
        return QStringLiteral("#c62828");
    case AgentState::OnAcdCall:
    case AgentState::OnOtherCall:
        return QStringLiteral("#1565c0");
    case AgentState::WrapUp:
        return QStringLiteral("#6a1b9a");
    default:
        return QStringLiteral("#616161");
    }
}

} // namespace

StatePanel::StatePanel(AgentSession &session, QWidget *parent)
    : QFrame(parent)
    , m_session(session)
{
    setObjectName(QStringLiteral("statePanel"));
    m_banner = new QLabel;
    m_banner->setWordWrap(true);
    m_banner->setAccessibleName(tr("Connection warning"));
    m_banner->setStyleSheet(
        QStringLiteral("background: #b71c1c; color: white; padding: 6px; font-weight: bold;"));
    m_state = new QLabel;
    m_state->setAccessibleName(tr("Agent state"));
    QFont big = m_state->font();
    big.setPointSizeF(big.pointSizeF() * 1.8);
    big.setBold(true);
    m_state->setFont(big);
    m_time = new QLabel;
    m_time->setAccessibleName(tr("Time in state"));
    m_time->setFont(big);
    m_detail = new QLabel;
    m_detail->setAccessibleName(tr("State details"));
    m_detail->setWordWrap(true);

    auto *row = new QHBoxLayout;
    row->addWidget(m_state, 1);
    row->addWidget(m_time);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addLayout(row);
    layout->addWidget(m_detail);

    connect(&session, &AgentSession::stateChanged, this, [this] { update(); });
    connect(&session, &AgentSession::tick, this, [this] { update(); });
    connect(&session, &AgentSession::linkStateChanged, this, [this] { update(); });
    connect(session.calls(), &CallModel::ringingChanged, this, [this] { update(); });
    update();
}

QString StatePanel::stateText() const
{
    return m_state->text();
}

QString StatePanel::detailText() const
{
    return m_detail->text();
}

QString StatePanel::bannerText() const
{
    return m_banner->isHidden() ? QString() : m_banner->text();
}

void StatePanel::update()
{
    const bool ringing = m_session.calls()->hasRinging();
    const AgentState state = m_session.state();
    m_state->setText(ringing ? tr("Ringing") : displayName(state));
    m_time->setText(FiguresModel::duration(m_session.secondsInState()));

    QStringList details;
    if (const QString reason = m_session.reasonName(); !reason.isEmpty())
        details << tr("Reason: %1").arg(reason);
    if (const QString who = m_session.changedBy(); !who.isEmpty())
        details << tr("Set by %1").arg(who);
    const AgentState next = m_session.nextState();
    const bool busy = state == AgentState::OnAcdCall || state == AgentState::OnOtherCall
                      || state == AgentState::WrapUp;
    if (busy && (next == AgentState::Ready || next == AgentState::NotReady))
        details << tr("Next: %1").arg(displayName(next));
    if (state == AgentState::WrapUp) {
        const int left = m_session.wrapUpSecondsLeft();
        details << (left >= 0 ? tr("Wrap-up ends in %n s - press Done when finished", nullptr, left)
                              : tr("Press Done when your after-call work is finished"));
    }
    m_detail->setText(details.join(QStringLiteral(" \u2022 ")));

    const LinkState link = m_session.linkState();
    m_banner->setVisible(link == LinkState::Reconnecting);
    if (link == LinkState::Reconnecting)
        m_banner->setText(
            tr("Connection to the engine lost. Reconnecting (next attempt within %n s); "
               "calls shown as lost are not live.",
               nullptr, m_session.reconnectDelaySeconds()));
    const QString color =
        link == LinkState::Reconnecting ? QStringLiteral("#616161") : colorOf(state, ringing);
    setStyleSheet(QStringLiteral("#statePanel { background: %1; border-radius: 6px; }"
                                 "#statePanel QLabel { color: white; }")
                      .arg(color));
    setAccessibleDescription(m_state->text() + QLatin1Char(' ') + m_time->text());
}

} // namespace desk
