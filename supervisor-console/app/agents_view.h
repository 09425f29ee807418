#pragma once
// AgentsView: the agents grid with its filters (group, state, text) and the supervisor's
// actions on the selected agent: force Ready, Not Ready with a reason, logout. Each asks
// for confirmation; the engine audits them.
#include "supclient/protocol_client.h"

#include <QWidget>

class QAction;
class QComboBox;
class QLabel;
class QTableView;

namespace acd::sup {

class AgentFilter;
class FloorState;

class AgentsView : public QWidget {
    Q_OBJECT
public:
    explicit AgentsView(FloorState *floor, QWidget *parent = nullptr);
    ~AgentsView() override; ///< keeps the page's settings (QSettings)

    QList<QAction *> agentActions() const;
    AgentFilter *filter() const { return m_filter; }

protected:
    void showEvent(QShowEvent *event) override;

private:
    int selectedAgent() const;
    void refreshGroups();
    void forceReady();
    void forceNotReady();
    void forceLogout();
    void report(const QString &what, const Reply &r);

    FloorState *m_floor;
    AgentFilter *m_filter;
    QTableView *m_table;
    QComboBox *m_group, *m_state;
    QLabel *m_status;
    QAction *m_ready, *m_notReady, *m_logout;
};

} // namespace acd::sup
