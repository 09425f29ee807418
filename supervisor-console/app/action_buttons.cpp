#include "action_buttons.h"

#include <QAction>
#include <QBoxLayout>
#include <QToolButton>

namespace acd::sup {

void addActionButtons(QWidget *page, QBoxLayout *bar, const QList<QAction *> &actions)
{
    for (QAction *a : actions) {
        page->addAction(a);
        auto *b = new QToolButton(page);
        b->setDefaultAction(a);
        b->setAccessibleName(a->text().remove(QLatin1Char('&')).remove(QStringLiteral("...")));
        bar->addWidget(b);
    }
}

} // namespace acd::sup
