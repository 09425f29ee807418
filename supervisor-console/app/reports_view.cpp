#include "reports_view.h"

#include "action_buttons.h"
#include "supmodels/floor_state.h"
#include "supmodels/report_model.h"

#include <QAction>
#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSaveFile>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QTimeZone>
#include <QVBoxLayout>
#include <QValueAxis>

namespace acd::sup {

ReportsView::ReportsView(FloorState *floor, QWidget *parent)
    : QWidget(parent)
    , m_floor(floor)
    , m_model(new ReportModel(this))
    , m_kind(new QComboBox(this))
    , m_column(new QComboBox(this))
    , m_from(new QDateTimeEdit(this))
    , m_to(new QDateTimeEdit(this))
    , m_table(new QTableView(this))
    , m_chart(new QChart)
    , m_status(new QLabel(this))
    , m_run(new QAction(tr("&Run report"), this))
    , m_export(new QAction(tr("&Export CSV..."), this))
{
    const struct {
        const char *kind;
        QString label;
    } kinds[] = {{"queue-intervals", tr("Interval (queues)")},
                 {"agent-intervals", tr("Interval (agents)")},
                 {"queue-daily", tr("Daily (queues)")},
                 {"agent-daily", tr("Daily (agents)")},
                 {"queue", tr("Queue summary")},
                 {"agent", tr("Agent summary")},
                 {"reason-codes", tr("Reason codes")},
                 {"calls", tr("Calls")},
                 {"call-summary", tr("Call summary")}};
    for (const auto &k : kinds)
        m_kind->addItem(k.label, QString::fromLatin1(k.kind));
    m_kind->setAccessibleName(tr("Report kind"));
    m_kind->setCurrentIndex(
        qMax(0, m_kind->findData(QSettings().value(QStringLiteral("reports/kind")).toString())));
    // Reports work in UTC (the db's days and intervals are UTC).
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (QDateTimeEdit *e : {m_from, m_to}) {
        e->setTimeSpec(Qt::UTC);
        e->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
        e->setCalendarPopup(true);
    }
    m_from->setDateTime(QDateTime(now.date(), QTime(0, 0), Qt::UTC));
    m_to->setDateTime(now.addSecs(60));
    m_from->setAccessibleName(tr("Report from"));
    m_to->setAccessibleName(tr("Report to"));
    m_column->setAccessibleName(tr("Column to chart"));

    auto *proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(m_model);
    proxy->setSortRole(ReportModel::SortRole);
    m_table->setModel(proxy);
    m_table->setSortingEnabled(true);
    m_table->verticalHeader()->hide();
    m_table->setAccessibleName(tr("Report table"));

    m_run->setShortcut(QKeySequence(Qt::Key_F5));
    m_run->setToolTip(tr("Run the report for the range (F5)"));
    m_export->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_export->setToolTip(tr("Save the report as CSV (Ctrl+E)"));
    connect(m_run, &QAction::triggered, this, &ReportsView::runSelected);
    connect(m_export, &QAction::triggered, this, &ReportsView::exportCsv);
    connect(m_column, &QComboBox::currentIndexChanged, this, &ReportsView::redrawChart);

    auto *bar = new QHBoxLayout;
    auto *kindLabel = new QLabel(tr("&Report:"), this);
    kindLabel->setBuddy(m_kind);
    bar->addWidget(kindLabel);
    bar->addWidget(m_kind);
    bar->addWidget(new QLabel(tr("from"), this));
    bar->addWidget(m_from);
    bar->addWidget(new QLabel(tr("to"), this));
    bar->addWidget(m_to);
    addActionButtons(this, bar, reportActions());
    bar->addStretch(1);
    auto *chartBar = new QHBoxLayout;
    auto *columnLabel = new QLabel(tr("&Chart column:"), this);
    columnLabel->setBuddy(m_column);
    chartBar->addWidget(columnLabel);
    chartBar->addWidget(m_column, 1);
    auto *chartView = new QChartView(m_chart, this);
    chartView->setAccessibleName(tr("Report chart"));
    auto *chartBox = new QWidget(this);
    auto *chartLayout = new QVBoxLayout(chartBox);
    chartLayout->setContentsMargins(0, 0, 0, 0);
    chartLayout->addLayout(chartBar);
    chartLayout->addWidget(chartView);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    split->addWidget(chartBox);
    split->setSizes({300, 300});
    chartView->setMinimumHeight(220);
    m_status->setAccessibleName(tr("Report status"));
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(split, 1);
    layout->addWidget(m_status);
}

ReportsView::~ReportsView()
{
    QSettings().setValue(QStringLiteral("reports/kind"), m_kind->currentData());
}

QList<QAction *> ReportsView::reportActions() const
{
    return {m_run, m_export};
}

void ReportsView::runSelected()
{
    run(m_kind->currentData().toString(), m_from->dateTime().toMSecsSinceEpoch(),
        m_to->dateTime().toMSecsSinceEpoch());
}

void ReportsView::run(const QString &kind, qint64 from, qint64 to)
{
    m_kind->setCurrentIndex(qMax(0, m_kind->findData(kind)));
    m_status->setText(tr("Running..."));
    m_floor->client().request(
        QStringLiteral("report"),
        {{QStringLiteral("kind"), kind},
         {QStringLiteral("from"), from},
         {QStringLiteral("to"), to}},
        [this](const Reply &r) {
            if (!r.ok) {
                m_status->setText(tr("Report refused: %1 (%2)").arg(r.message, r.field));
                emit finished(false);
                return;
            }
            m_model->setResult(r.result);
            m_table->resizeColumnsToContents();
            const QSignalBlocker block(m_column);
            m_column->clear();
            for (int c = 0; c < m_model->columnCount(); ++c) {
                bool numeric = m_model->rowCount() > 0;
                for (int row = 0; row < m_model->rowCount() && numeric; ++row)
                    m_model->rows()[row].value(c).toDouble(&numeric);
                if (numeric && !m_model->columns()[c].endsWith(QLatin1String("_id")))
                    m_column->addItem(m_model->columns()[c], c);
            }
            const int sl = m_column->findText(QStringLiteral("service_level_pct"));
            m_column->setCurrentIndex(sl >= 0 ? sl : 0);
            redrawChart();
            m_status->setText(tr("%n row(s)", nullptr, m_model->rowCount()));
            emit finished(true);
        });
}

void ReportsView::redrawChart()
{
    m_chart->removeAllSeries();
    for (QAbstractAxis *a : m_chart->axes())
        m_chart->removeAxis(a);
    const int column = m_column->currentData().toInt();
    if (m_column->count() == 0)
        return;
    m_chart->setTitle(m_column->currentText());
    // A row's label: its name-like cells (queue, agent, interval start).
    QStringList labelColumns;
    for (const char *c : {"interval_start", "day", "queue", "agent", "reason"})
        if (m_model->columns().contains(QString::fromLatin1(c)))
            labelColumns.append(QString::fromLatin1(c));
    auto *set = new QBarSet(m_column->currentText());
    QStringList categories;
    const int rows = qMin(m_model->rowCount(), 60); // a readable chart; the table has them all
    double top = 1;
    for (int r = 0; r < rows; ++r) {
        const QStringList &row = m_model->rows()[r];
        QStringList parts;
        for (const QString &c : labelColumns)
            parts.append(row.value(int(m_model->columns().indexOf(c))));
        categories.append(parts.join(QLatin1Char(' ')));
        const double v = row.value(column).toDouble();
        set->append(v);
        top = qMax(top, v);
    }
    auto *series = new QBarSeries;
    series->append(set);
    m_chart->addSeries(series);
    auto *x = new QBarCategoryAxis;
    x->append(categories);
    x->setLabelsAngle(rows > 8 ? -60 : 0);
    auto *y = new QValueAxis;
    y->setRange(0, top * 1.1);
    m_chart->addAxis(x, Qt::AlignBottom);
    m_chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
    m_chart->legend()->hide();
}

void ReportsView::exportCsv()
{
    if (m_model->columnCount() == 0)
        return;
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export report"), m_model->kind() + QStringLiteral(".csv"), tr("CSV (*.csv)"));
    if (path.isEmpty())
        return;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(m_model->toCsv().toUtf8()) < 0
        || !file.commit())
        m_status->setText(tr("Cannot write %1: %2").arg(path, file.errorString()));
    else
        m_status->setText(tr("Saved %1").arg(path));
}

} // namespace acd::sup
