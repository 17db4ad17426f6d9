"""The officers' side: accounts and credentials, their actions on tickets (rights by role
and unit), lists and views, same-person links, callbacks owed, 110 incident numbers."""
