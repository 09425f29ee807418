#pragma once
// Per-queue alert thresholds for the wallboard, kept in QSettings under the engine's address
// and the queue id ("thresholds/<host:port>/<queue>/..."), so two engines never share them.
#include <QHash>
#include <QObject>
#include <QString>

namespace acd::sup {

struct Thresholds {
    int waitingAmber = 5;       ///< calls waiting at or above: amber
    int waitingRed = 10;        ///< ... red
    int longestWaitAmberS = 30; ///< longest current wait, seconds
    int longestWaitRedS = 60;
    double slTargetPct = 80.0; ///< service level below target: amber
    double slRedPct = 60.0;    ///< below this: red
    bool operator==(const Thresholds &) const = default;
};

enum class Alert { None, Amber, Red };

class ThresholdStore : public QObject {
    Q_OBJECT
public:
    explicit ThresholdStore(QObject *parent = nullptr);

    /// The engine address that keys the settings ("127.0.0.1:7400").
    void setEngine(const QString &address);
    QString engine() const { return m_engine; }

    Thresholds forQueue(int queue) const;
    void setForQueue(int queue, const Thresholds &t);

    static Alert waitingAlert(const Thresholds &t, int waiting);
    static Alert longestWaitAlert(const Thresholds &t, qint64 ms);
    /// No calls yet (no denominator) is never an alert.
    static Alert serviceLevelAlert(const Thresholds &t, double pct, bool anyCalls);

signals:
    void changed(int queue);

private:
    QString key(int queue) const;
    QString m_engine;
    mutable QHash<int, Thresholds> m_cache;
};

} // namespace acd::sup
