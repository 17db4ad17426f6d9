"""What a dialog's questions ask, in English, for a resident who writes in English: said
under the Chinese question on every step, not only on the first reply. Keyed by the Chinese
prompt's text id; the words a resident may answer with ("no", a number) are the ones the
dialogs take."""

PROMPTS: dict[str, str] = {
    "complaint_start": "Please describe what happened, where and when.",
    "ask_where": ("Where did it happen? A street, an estate and building, or a shop or "
                  "crossroads nearby."),
    "ask_where_said": "Which street or estate is “{place}” in? Reply “not sure” if you don't know.",
    "ask_where_conduct": ("Which police station, counter or officer was it? Reply “not sure” "
                          "if you don't know."),
    "ask_where_online": ("It happened online or by phone, so the station where you live "
                         "handles it: which street and estate do you live in?"),
    "ask_when": "When did it happen? (e.g. every night after 10 pm, today at 3 pm)",
    "phone_owner_ask": ("Is the number in your message your own? Reply 1 for yes, 2 for no, "
                        "or send your own mobile number."),
    "ask_phone": "Your mobile number (11 digits), so that officers can call you back.",
    "ask_photos": "Photos, videos or voice messages help: send them now, or reply “no”.",
    "ask_service": "Which service would you like to book? Reply with its number.",
    "ask_time": ("When would you like to come? Please write the date and half-day as "
                 "12月3日上午 (3 December, morning) or 12月3日下午 (afternoon)."),
    "ask_unit": ("Which police station would you like to go to? Reply with its number, or "
                 "with the last number if any will do."),
    "ask_visit_address": "Where should the officer come? Please give the full address.",
    "ask_talk_place": "Where should the talk be given? A school, estate or workplace address.",
    "ask_name": "Your name, please (as in your ID card or passport).",
    "ask_confirm": "Please check the booking above: reply 1 to confirm, 2 to fill it in again.",
    "feedback_start": "Please write your suggestion, opinion or comment on our service.",
    "quick_menu": "Sorry, we are not sure what you need. Please reply with a number.",
    "menu_head": "What can we do for you? Reply with a number, or write what you need.",
    "faq_guide_header": "Guides to our services: reply with a number to read one.",
    "status_list_pick": "Your tickets are listed above: reply with a number to see one.",
    "cancel_booking_pick": "Which booking? Reply with its number.",
    "nuisance_ask_record": ("Shall we record this as a complaint for officers to handle? "
                            "Reply 1 for yes, 2 for not now."),
    "supplement_choice": ("Does this message add to your ticket above? Reply 1 for yes, 2 if "
                          "it is another matter."),
    # The rating after an officer resolved the ticket.
    "verdict_ask_solved": ("Officers have resolved your ticket: is your problem solved? "
                           "Reply 1 for yes, 2 for no, or tell us why not."),
    "verdict_ask_solved_appointment": ("Officers have closed your booking: was it done? "
                                       "Reply 1 for yes, 2 for no, or tell us why not."),
    "verdict_ask_solved_consult": ("Officers have answered your question: did the answer "
                                   "help? Reply 1 for yes, 2 for no, or tell us why not."),
    "verdict_ask_satisfaction": ("How satisfied are you with how it was handled? Reply 1 "
                                 "(very dissatisfied) to 5 (very satisfied)."),
    "verdict_ask_details": ("If you like, rate the officers' manner, speed and result, each "
                            "1 to 5, e.g. “5 4 5”."),
    "verdict_ask_comment": "Any other opinion or suggestion? Please write it.",
}
# Said once, in front of the first English line a resident writing English reads.
NOTE = "Our officers answer in Chinese: a translation app can help you read our replies."
# A question without its own line above: at least how to answer it.
CHOICES = "Please reply with the number of your choice."
OTHER = "A question from the police in Chinese: a translation app can help you read it."
# How to leave the question empty, go back or stop, in the words the dialogs take.
CONTROLS = "(Reply “back” for the previous question, “cancel” to stop.)"
CONTROLS_OPTIONAL = ("(Reply “no” if you have nothing to add, “back” for the previous "
                     "question, “cancel” to stop.)")
