#include "agents_view.h"

#include "action_buttons.h"
#include "supmodels/agent_filter.h"
#include "supmodels/floor_state.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QSettings>
#include <QTableView>
#include <QVBoxLayout>

namespace acd::sup {

AgentsView::AgentsView(FloorState *floor, QWidget *parent)
    : QWidget(parent)
    , m_floor(floor)
    , m_filter(new AgentFilter(this))
    , m_table(new QTableView(this))
    , m_group(new QComboBox(this))
    , m_state(new QComboBox(this))
    , m_status(new QLabel(this))
    , m_ready(new QAction(tr("Force &Ready"), this))
    , m_notReady(new QAction(tr("Force &Not Ready..."), this))
    , m_logout(new QAction(tr("Force &logout"), this))
{
    m_filter->setSourceModel(&floor->agents());
    m_table->setModel(m_filter);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(AgentModel::Name, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAccessibleName(tr("Agents grid"));
    m_table->setAlternatingRowColors(true);

    m_group->setAccessibleName(tr("Filter by group"));
    m_state->setAccessibleName(tr("Filter by state"));
    m_state->addItem(tr("All states"), QString());
    for (const char *a :
         {"available", "ringing", "on-call", "wrap-up", "not-ready", "other-call", "logged-out"})
        m_state->addItem(AgentModel::activityText(QString::fromLatin1(a)), QString::fromLatin1(a));
    auto *text = new QLineEdit(this);
    text->setPlaceholderText(tr("Agent or station"));
    text->setAccessibleName(tr("Filter by agent or station"));
    text->setClearButtonEnabled(true);
    connect(text, &QLineEdit::textChanged, m_filter, &AgentFilter::setText);
    connect(m_state, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setActivity(m_state->currentData().toString()); });
    connect(m_group, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setGroup(m_group->currentData().toInt()); });
    refreshGroups();
    connect(floor, &FloorState::synced, this, &AgentsView::refreshGroups);

    m_ready->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    m_notReady->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    m_logout->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    m_ready->setToolTip(tr("Force the selected agent Ready (Ctrl+Shift+R)"));
    m_notReady->setToolTip(tr("Force the selected agent Not Ready with a reason (Ctrl+Shift+N)"));
    m_logout->setToolTip(tr("Log the selected agent out (Ctrl+Shift+L)"));
    connect(m_ready, &QAction::triggered, this, &AgentsView::forceReady);
    connect(m_notReady, &QAction::triggered, this, &AgentsView::forceNotReady);
    connect(m_logout, &QAction::triggered, this, &AgentsView::forceLogout);

    auto *bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Group:"), this));
    bar->addWidget(m_group);
    bar->addWidget(new QLabel(tr("State:"), this));
    bar->addWidget(m_state);
    bar->addWidget(text, 1);
    addActionButtons(this, bar, agentActions());
    m_status->setAccessibleName(tr("Result of the last action"));
    QSettings settings;
    m_table->horizontalHeader()->restoreState(
        settings.value(QStringLiteral("agents/header")).toByteArray());
    m_state->setCurrentIndex(
        qMax(0, m_state->findData(settings.value(QStringLiteral("agents/state")).toString())));
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_table);
    layout->addWidget(m_status);
}

AgentsView::~AgentsView()
{
    QSettings s;
    s.setValue(QStringLiteral("agents/header"), m_table->horizontalHeader()->saveState());
    s.setValue(QStringLiteral("agents/state"), m_state->currentData());
}

void AgentsView::showEvent(QShowEvent *event)
{
    // Agents log in to new groups all day: offer the groups seen now.
    refreshGroups();
    QWidget::showEvent(event);
}

QList<QAction *> AgentsView::agentActions() const
{
    return {m_ready, m_notReady, m_logout};
}

void AgentsView::refreshGroups()
{
    const int current = m_group->currentData().toInt();
    QList<int> groups;
    const AgentModel &agents = m_floor->agents();
    for (int r = 0; r < agents.rowCount(); ++r)
        for (int g : agents.index(r, 0).data(AgentModel::GroupsRole).value<QList<int>>())
            if (!groups.contains(g))
                groups.append(g);
    std::sort(groups.begin(), groups.end());
    const QSignalBlocker block(m_group);
    m_group->clear();
    m_group->addItem(tr("All groups"), 0);
    for (int g : groups)
        m_group->addItem(tr("Group %1").arg(g), g);
    m_group->setCurrentIndex(qMax(0, m_group->findData(current)));
}

int AgentsView::selectedAgent() const
{
    const QModelIndex i = m_table->currentIndex();
    return i.isValid() ? i.data(AgentModel::IdRole).toInt() : 0;
}

void AgentsView::report(const QString &what, const Reply &r)
{
    m_status->setText(r.ok ? tr("%1: done").arg(what)
                           : tr("%1: refused (%2: %3)").arg(what, r.code, r.message));
}

void AgentsView::forceReady()
{
    const int agent = selectedAgent();
    if (!agent)
        return;
    if (QMessageBox::question(this, tr("Force Ready"),
                              tr("Force agent %1 Ready? The change is audited.").arg(agent))
        != QMessageBox::Yes)
        return;
    const QString what = tr("Agent %1 Ready").arg(agent);
    m_floor->forceReady(agent, [this, what](const Reply &r) { report(what, r); });
}

void AgentsView::forceNotReady()
{
    const int agent = selectedAgent();
    if (!agent)
        return;
    QStringList items;
    const QHash<int, QString> names = m_floor->reasonNames();
    QList<int> codes = names.keys();
    std::sort(codes.begin(), codes.end());
    for (int c : codes)
        items.append(QStringLiteral("%1 %2").arg(c).arg(names.value(c)));
    bool ok = false;
    // Supervisors cannot list reason codes (admin API): they type the code.
    const QString choice = QInputDialog::getItem(
        this, tr("Force Not Ready"),
        tr("Force agent %1 Not Ready with reason (code 1-99; audited):").arg(agent), items, 0, true,
        &ok);
    if (!ok)
        return;
    const int reason = choice.section(QLatin1Char(' '), 0, 0).toInt();
    if (reason < 1 || reason > 99) {
        m_status->setText(tr("Reason: '%1' is not a code 1-99").arg(choice));
        return;
    }
    const QString what = tr("Agent %1 Not Ready (%2)").arg(agent).arg(reason);
    m_floor->forceNotReady(agent, reason, [this, what](const Reply &r) { report(what, r); });
}

void AgentsView::forceLogout()
{
    const int agent = selectedAgent();
    if (!agent)
        return;
    if (QMessageBox::question(this, tr("Force logout"),
                              tr("Log agent %1 out? A call in progress ends first. The change "
                                 "is audited.")
                                  .arg(agent))
        != QMessageBox::Yes)
        return;
    const QString what = tr("Agent %1 logout").arg(agent);
    m_floor->forceLogout(agent, [this, what](const Reply &r) { report(what, r); });
}

} // namespace acd::sup
