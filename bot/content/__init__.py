"""Loading and checking staff-edited content: flows, knowledge, translations."""
