#pragma once
// The pages' toolbars: each action (with its shortcut) added to the page and shown as a tool
// button named for screen readers by its text.
#include <QList>

class QAction;
class QBoxLayout;
class QWidget;

namespace acd::sup {

void addActionButtons(QWidget *page, QBoxLayout *bar, const QList<QAction *> &actions);

} // namespace acd::sup
