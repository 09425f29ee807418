#pragma once
// ReportsView: the db reports (the engine's `report` op) for a chosen UTC range, as a table,
// a bar chart of one column, and CSV export.
#include <QWidget>

class QAction;
class QBarSeries;
class QChart;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QTableView;

namespace acd::sup {

class FloorState;
class ReportModel;

class ReportsView : public QWidget {
    Q_OBJECT
public:
    explicit ReportsView(FloorState *floor, QWidget *parent = nullptr);
    ~ReportsView() override; ///< keeps the page's settings (QSettings)

    QList<QAction *> reportActions() const;
    ReportModel *model() const { return m_model; }
    /// Runs `kind` over [from, to) (ms); used by the UI and by --screenshot.
    void run(const QString &kind, qint64 from, qint64 to);

signals:
    void finished(bool ok);

private:
    void runSelected();
    void exportCsv();
    void redrawChart();

    FloorState *m_floor;
    ReportModel *m_model;
    QComboBox *m_kind, *m_column;
    QDateTimeEdit *m_from, *m_to;
    QTableView *m_table;
    QChart *m_chart;
    QLabel *m_status;
    QAction *m_run, *m_export;
};

} // namespace acd::sup
