#include "thresholds_dialog.h"

#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>

namespace acd::sup {
namespace {

QSpinBox *spin(QWidget *parent, int value, int max, const QString &name)
{
    auto *s = new QSpinBox(parent);
    s->setRange(0, max);
    s->setValue(value);
    s->setAccessibleName(name);
    return s;
}
QDoubleSpinBox *pct(QWidget *parent, double value, const QString &name)
{
    auto *s = new QDoubleSpinBox(parent);
    s->setRange(0, 100);
    s->setDecimals(1);
    s->setSuffix(QStringLiteral(" %"));
    s->setValue(value);
    s->setAccessibleName(name);
    return s;
}

} // namespace

ThresholdsDialog::ThresholdsDialog(const QString &queueName, const Thresholds &t, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Thresholds for %1").arg(queueName));
    m_waitingAmber = spin(this, t.waitingAmber, 100000, tr("Calls waiting amber"));
    m_waitingRed = spin(this, t.waitingRed, 100000, tr("Calls waiting red"));
    m_waitAmber = spin(this, t.longestWaitAmberS, 86400, tr("Longest wait amber seconds"));
    m_waitRed = spin(this, t.longestWaitRedS, 86400, tr("Longest wait red seconds"));
    m_slTarget = pct(this, t.slTargetPct, tr("Service level target"));
    m_slRed = pct(this, t.slRedPct, tr("Service level red below"));
    auto *form = new QFormLayout(this);
    form->addRow(tr("Calls waiting: amber at"), m_waitingAmber);
    form->addRow(tr("Calls waiting: red at"), m_waitingRed);
    form->addRow(tr("Longest wait (s): amber at"), m_waitAmber);
    form->addRow(tr("Longest wait (s): red at"), m_waitRed);
    form->addRow(tr("Service level target (amber below)"), m_slTarget);
    form->addRow(tr("Service level: red below"), m_slRed);
    auto *error = new QLabel(this);
    error->setStyleSheet(QStringLiteral("color: #c62828"));
    form->addRow(error);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons, &QDialogButtonBox::accepted, this, [this, error] {
        // Red must be the worse end of each scale.
        if (m_waitingRed->value() < m_waitingAmber->value())
            error->setText(tr("Calls waiting: red (%1) must not be below amber (%2)")
                               .arg(m_waitingRed->value())
                               .arg(m_waitingAmber->value()));
        else if (m_waitRed->value() < m_waitAmber->value())
            error->setText(tr("Longest wait: red (%1 s) must not be below amber (%2 s)")
                               .arg(m_waitRed->value())
                               .arg(m_waitAmber->value()));
        else if (m_slRed->value() > m_slTarget->value())
            error->setText(tr("Service level: red (%1 %) must not be above the target (%2 %)")
                               .arg(m_slRed->value())
                               .arg(m_slTarget->value()));
        else
            accept();
    });
}

Thresholds ThresholdsDialog::thresholds() const
{
    Thresholds t;
    t.waitingAmber = m_waitingAmber->value();
    t.waitingRed = m_waitingRed->value();
    t.longestWaitAmberS = m_waitAmber->value();
    t.longestWaitRedS = m_waitRed->value();
    t.slTargetPct = m_slTarget->value();
    t.slRedPct = m_slRed->value();
    return t;
}

} // namespace acd::sup
