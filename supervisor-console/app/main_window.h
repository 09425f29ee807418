#pragma once
// MainWindow: the tabs (wallboard, agents, charts, reports, administration for admins), the
// connection banner, menus with every action and its shortcut, and the full-screen wallboard
// mode for a wall display (F11). Geometry and the last tab are kept in QSettings.
#include <QMainWindow>

class QLabel;
class QTabWidget;

namespace acd::sup {

class AdminView;
class AgentsView;
class ChartsView;
class FloorState;
class ReportsView;
class WallboardView;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(FloorState *floor, QWidget *parent = nullptr);

    QTabWidget *tabs() const { return m_tabs; }
    WallboardView *wallboard() const { return m_wallboard; }
    AgentsView *agentsView() const { return m_agents; }
    ChartsView *chartsView() const { return m_charts; }
    ReportsView *reportsView() const { return m_reports; }
    AdminView *adminView() const { return m_admin; }
    QLabel *banner() const { return m_banner; }
    void setWallMode(bool on);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void updateBanner();
    void buildMenus();

    FloorState *m_floor;
    QLabel *m_banner;
    QTabWidget *m_tabs;
    WallboardView *m_wallboard;
    AgentsView *m_agents;
    ChartsView *m_charts;
    ReportsView *m_reports;
    AdminView *m_admin = nullptr;
    bool m_wallMode = false;
};

} // namespace acd::sup
