#pragma once
// ChartsView: calls waiting and service level (this interval) of the chosen queue over the
// last hours, and the agents in each state; redrawn when History takes a sample.
#include <QWidget>

class QChart;
class QChartView;
class QComboBox;
class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

namespace acd::sup {

class FloorState;

class ChartsView : public QWidget {
    Q_OBJECT
public:
    explicit ChartsView(FloorState *floor, QWidget *parent = nullptr);
    ~ChartsView() override; ///< keeps the page's settings (QSettings)

private:
    void refreshQueues();
    void redraw();

    FloorState *m_floor;
    QComboBox *m_queue;
    QLineSeries *m_waiting, *m_sl;
    QList<QLineSeries *> m_states;
    QDateTimeAxis *m_timeWaiting, *m_timeSl, *m_timeStates;
    QValueAxis *m_yWaiting, *m_ySl, *m_yStates;
};

} // namespace acd::sup
