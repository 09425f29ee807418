#pragma once
// The switch's lines as an agent sees them: every device's address (station extensions and
// route points), read once after lineInitializeEx with lineNegotiateAPIVersion and
// lineGetAddressCaps (and lineGetDevCaps for route points' names). Synchronous round trips,
// so it runs at login only, off the GUI thread.
#include "tapi.h"

#include <QList>
#include <QString>

namespace desk {

struct LineEntry {
    DWORD device = 0;
    DWORD apiVersion = 0;
    QString address; ///< the extension or route point number
    QString name;    ///< the line's name, may be empty
    bool routePoint = false;
};

/// Every line whose address could be read; devices that fail negotiation are skipped. Two
/// requests per line (three for a route point, whose name is read too), paced to 100 a second
/// since the engine closes a connection that floods it: it may sleep, so it runs on
/// TapiLink's worker thread (libtapi is thread-safe), never on the GUI thread.
QList<LineEntry> readLines(HLINEAPP app, DWORD numDevs);
/// The entry whose address is `extension`, or nullptr.
const LineEntry *findLine(const QList<LineEntry> &lines, const QString &extension);

} // namespace desk
