#pragma once
// WallboardView: the queues table (thin: the QueueModel holds everything) and the thresholds
// action for the selected queue.
#include <QWidget>

class QAction;
class QTableView;

namespace acd::sup {

class FloorState;

class WallboardView : public QWidget {
    Q_OBJECT
public:
    explicit WallboardView(FloorState *floor, QWidget *parent = nullptr);
    ~WallboardView() override; ///< keeps the page's settings (QSettings)

    QAction *thresholdsAction() const { return m_thresholds; }
    QTableView *table() const { return m_table; }
    /// Large type for a wall display.
    void setWallMode(bool on);

private:
    void editThresholds();

    FloorState *m_floor;
    QTableView *m_table;
    QAction *m_thresholds;
};

} // namespace acd::sup
