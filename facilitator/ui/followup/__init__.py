"""Follow-up in the window: the action-items board, the checkpoint and monthly review, reminders.

:class:`~facilitator.ui.followup.hooks.FollowUp` wires them into a main window;
everything else here is widgets and models that take a service and emit signals.
"""
