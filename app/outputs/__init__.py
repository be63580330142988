"""Files users take home: check reports, duty sheets and calendars, study packs."""
