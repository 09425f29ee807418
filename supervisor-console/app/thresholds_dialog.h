#pragma once
// ThresholdsDialog: edits one queue's wallboard thresholds (kept per engine and queue).
#include "supmodels/thresholds.h"

#include <QDialog>

class QDoubleSpinBox;
class QSpinBox;

namespace acd::sup {

class ThresholdsDialog : public QDialog {
    Q_OBJECT
public:
    ThresholdsDialog(const QString &queueName, const Thresholds &t, QWidget *parent = nullptr);
    Thresholds thresholds() const;

private:
    QSpinBox *m_waitingAmber, *m_waitingRed, *m_waitAmber, *m_waitRed;
    QDoubleSpinBox *m_slTarget, *m_slRed;
};

} // namespace acd::sup
