"""Who came: attendance by site, absentees, excuses, make-up study and site reports."""
