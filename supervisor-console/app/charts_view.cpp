#include "charts_view.h"

#include "supmodels/floor_state.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QGridLayout>
#include <QLabel>
#include <QLineSeries>
#include <QSettings>
#include <QValueAxis>

#include <cmath>

namespace acd::sup {
namespace {

QChartView *makeChart(QWidget *parent, const QString &title, QDateTimeAxis **x, QValueAxis **y,
                      const QList<QLineSeries *> &series)
{
    auto *chart = new QChart;
    chart->setTitle(title);
    chart->legend()->setVisible(series.size() > 1);
    chart->legend()->setAlignment(Qt::AlignBottom);
    *x = new QDateTimeAxis(chart);
    (*x)->setFormat(QStringLiteral("HH:mm"));
    (*x)->setTickCount(5);
    *y = new QValueAxis(chart);
    (*y)->setLabelFormat(QStringLiteral("%d"));
    chart->addAxis(*x, Qt::AlignBottom);
    chart->addAxis(*y, Qt::AlignLeft);
    for (QLineSeries *s : series) {
        chart->addSeries(s);
        s->attachAxis(*x);
        s->attachAxis(*y);
    }
    auto *view = new QChartView(chart, parent);
    view->setRenderHint(QPainter::Antialiasing);
    view->setAccessibleName(title);
    view->setMinimumHeight(180);
    return view;
}

double maxY(const QList<QPointF> &points, double floor)
{
    double m = floor;
    for (const QPointF &p : points)
        m = qMax(m, p.y());
    return m;
}

/// A count axis from 0 with four whole-number steps (readable at any chart height).
void setCountRange(QValueAxis *axis, double max)
{
    const double step = std::ceil(qMax(1.0, max) / 4.0);
    axis->setRange(0, step * 4);
    axis->setTickCount(5);
}

} // namespace

ChartsView::ChartsView(FloorState *floor, QWidget *parent)
    : QWidget(parent)
    , m_floor(floor)
    , m_queue(new QComboBox(this))
    , m_waiting(new QLineSeries(this))
    , m_sl(new QLineSeries(this))
{
    m_waiting->setName(tr("Calls waiting"));
    m_sl->setName(tr("Service level % (interval)"));
    for (const QString &name : {tr("Ready"), tr("On call"), tr("Wrap-up"), tr("Not ready")}) {
        auto *s = new QLineSeries(this);
        s->setName(name);
        m_states.append(s);
    }
    m_queue->setAccessibleName(tr("Queue to chart"));
    auto *span = new QComboBox(this);
    span->setAccessibleName(tr("Time span"));
    for (int minutes : {15, 30, 60, 240, 480})
        span->addItem(minutes < 60 ? tr("last %1 minutes").arg(minutes)
                                   : tr("last %n hour(s)", nullptr, minutes / 60),
                      minutes);
    span->setCurrentIndex(qMax(0, span->findData(int(floor->history().spanMs() / 60000))));
    connect(span, &QComboBox::currentIndexChanged, this, [this, span] {
        m_floor->history().setSpanMs(qint64(span->currentData().toInt()) * 60000);
        redraw();
    });
    auto *grid = new QGridLayout(this);
    auto *label = new QLabel(tr("&Queue:"), this);
    label->setBuddy(m_queue);
    grid->addWidget(label, 0, 0);
    grid->addWidget(m_queue, 0, 1);
    grid->addWidget(span, 0, 2);
    grid->setColumnStretch(1, 1);
    grid->addWidget(makeChart(this, tr("Calls waiting"), &m_timeWaiting, &m_yWaiting, {m_waiting}),
                    1, 0, 1, 3);
    grid->addWidget(
        makeChart(this, tr("Service level this interval (%)"), &m_timeSl, &m_ySl, {m_sl}), 2, 0, 1,
        3);
    grid->addWidget(makeChart(this, tr("Agents by state"), &m_timeStates, &m_yStates, m_states), 3,
                    0, 1, 3);
    m_ySl->setRange(0, 100);
    connect(m_queue, &QComboBox::currentIndexChanged, this, &ChartsView::redraw);
    connect(&floor->history(), &History::changed, this, &ChartsView::redraw);
    connect(floor, &FloorState::synced, this, &ChartsView::refreshQueues);
}

ChartsView::~ChartsView()
{
    QSettings().setValue(QStringLiteral("charts/queue"), m_queue->currentData());
}

void ChartsView::refreshQueues()
{
    const int current = m_queue->count() > 0
                            ? m_queue->currentData().toInt()
                            : QSettings().value(QStringLiteral("charts/queue")).toInt();
    const QSignalBlocker block(m_queue);
    m_queue->clear();
    for (const QueueRow &q : m_floor->queues().rows())
        m_queue->addItem(QStringLiteral("%1 (%2)").arg(q.name).arg(q.id), q.id);
    m_queue->setCurrentIndex(qMax(0, m_queue->findData(current)));
    redraw();
}

void ChartsView::redraw()
{
    const History &h = m_floor->history();
    const int queue = m_queue->currentData().toInt();
    const qint64 now = m_floor->engineNow();
    const QDateTime from = QDateTime::fromMSecsSinceEpoch(now - h.spanMs());
    const QDateTime to = QDateTime::fromMSecsSinceEpoch(now);
    for (QDateTimeAxis *x : {m_timeWaiting, m_timeSl, m_timeStates})
        x->setRange(from, to);
    const QList<QPointF> waiting = h.waiting(queue);
    m_waiting->replace(waiting);
    setCountRange(m_yWaiting, maxY(waiting, 4));
    m_sl->replace(h.serviceLevel(queue));
    double top = 4;
    for (int b = 0; b < History::BucketCount; ++b) {
        const QList<QPointF> points = h.agents(History::Bucket(b));
        m_states[b]->replace(points);
        top = maxY(points, top);
    }
    setCountRange(m_yStates, top);
}

} // namespace acd::sup
