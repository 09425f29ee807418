// libFuzzer target for the supervisor console's reading of the engine's stream
// (supervisor-console/models: FloorState and the queue and agent models it feeds). What an
// engine sends, or a peer pretending to be one, arrives as text lines: the first is taken as
// a snapshot's result, each later one as an event. Any JSON, any types, any IDs, any order.
// Invariants, besides no crash and no sanitizer report: after every line the models answer
// every cell in every role, their row counts match what they report, and the sampling of
// the charts' history works on whatever state results.
#include "supmodels/floor_state.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtGlobal>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

using acd::sup::FloorState;

namespace {

void check(bool ok)
{
    if (!ok)
        std::abort();
}

void readEveryCell(const QAbstractItemModel &model)
{
    const int rows = model.rowCount();
    const int columns = model.columnCount();
    check(rows >= 0 && columns >= 0);
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < columns; ++c) {
            const QModelIndex index = model.index(r, c);
            check(index.isValid());
            for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole), int(Qt::BackgroundRole),
                             int(Qt::ForegroundRole), int(Qt::TextAlignmentRole), int(Qt::FontRole),
                             int(Qt::UserRole), int(Qt::UserRole) + 1, int(Qt::UserRole) + 2,
                             int(Qt::UserRole) + 3})
                (void)model.data(index, role);
        }
    for (int c = 0; c < columns; ++c)
        (void)model.headerData(c, Qt::Horizontal, Qt::DisplayRole);
}

QJsonObject objectFrom(const QByteArray &line)
{
    const QJsonDocument doc = QJsonDocument::fromJson(line);
    return doc.object(); // not an object (or not JSON): an empty one, as the client gets it
}

} // namespace

/// A model that hands out or accepts an index it should not says so through checkIndex: that
/// is a finding. Other messages are noise at thousands of inputs a second.
void onQtMessage(QtMsgType, const QMessageLogContext &context, const QString &message)
{
    if (context.category && QLatin1String(context.category).contains(QLatin1String("checkindex"))) {
        fprintf(stderr, "model index misuse: %s\n", qPrintable(message));
        std::abort();
    }
}

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    qInstallMessageHandler(onQtMessage);
    // Models and timers want an application object; one for the whole run.
    static QCoreApplication app(*argc, *argv);
    QCoreApplication::setOrganizationName(QStringLiteral("acd-suite-fuzz"));
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    const QList<QByteArray> lines = input.split('\n');
    if (lines.size() > 64)
        return 0; // longer streams add nothing the fuzzer cannot reach with shorter ones
    FloorState floor;
    floor.applySnapshot(objectFrom(lines.front()));
    readEveryCell(floor.queues());
    readEveryCell(floor.agents());
    for (qsizetype i = 1; i < lines.size(); ++i) {
        floor.applyEvent(objectFrom(lines[i]));
        floor.flushNow();
        readEveryCell(floor.queues());
        readEveryCell(floor.agents());
    }
    floor.queues().tick();
    floor.agents().tick();
    floor.history().sample(floor.queues(), floor.agents(), floor.engineNow());
    return 0;
}
