#pragma once
// The switch's lines as an agent sees them: every device's address (station extensions and
// route points), read once after lineInitializeEx with lineNegotiateAPIVersion,
// lineGetDevCaps and lineGetAddressCaps. Synchronous round trips, so it runs at login only.
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

/// Every line whose address could be read; devices that fail negotiation are skipped.
/// Thread-safe (libtapi is): the login runs it on TapiLink's worker thread.
QList<LineEntry> readLines(HLINEAPP app, DWORD numDevs);
/// The entry whose address is `extension`, or nullptr.
const LineEntry *findLine(const QList<LineEntry> &lines, const QString &extension);

} // namespace desk
