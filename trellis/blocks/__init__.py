"""Apps and what they are made of: the ``with`` stack, listener records, updates, Blocks, Interface, ChatInterface."""
