#pragma once
// The always-visible state strip: the agent's state (or "Ringing"), the time in it, the
// reason and who set it, the wrap-up countdown, and a banner while the engine is unreachable.
#include <QFrame>

class QLabel;

namespace desk {

class AgentSession;

class StatePanel : public QFrame {
    Q_OBJECT
public:
    explicit StatePanel(AgentSession &session, QWidget *parent = nullptr);

    QString stateText() const;
    QString detailText() const;
    QString bannerText() const;

private:
    void update();

    AgentSession &m_session;
    QLabel *m_banner;
    QLabel *m_state;
    QLabel *m_time;
    QLabel *m_detail;
};

} // namespace desk
