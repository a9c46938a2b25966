"""The ids of the instruments shipped in resources/instruments.

Code names them only where the shipped file itself is meant (sample data, the spreadsheet
template, the leadership comparison, the hub's defaults). Whatever follows the coach's practice
instrument chooses it by kind or by the practice_instrument setting (services/instrument_choice.py).
"""

SHIPPED_PRACTICE = "cpm-practice"
SHIPPED_LEADERSHIP = "cpm-leadership"
