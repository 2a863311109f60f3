# The seed's push notification example on Chat Hooks (seed/push_notification.py has it verbatim but for its imports),
# with one change: a sender who left before the message was handled is named by id instead of failing the call.
# skygear_stand_ins.push_users prints the notification it would send (one JSON line). Participants must be records
# (hook.<name>.participants left at records).
#   PORT=8000 WEBHOOK_SECRET=whsec_... python3 push_hooks.py
from chat_hooks import *
from skygear_stand_ins import SkygearContainer, options as skyoptions, push_users


@after_message_sent
def after_message_sent_hook(message, conversation, participants):
    container = SkygearContainer(api_key=skyoptions.masterkey, user_id=current_user_id())
    message = deserialize_record(message)
    conversation = deserialize_record(conversation)
    other_user_ids = []
    current_user = None
    for record in participants:
        participant = deserialize_record(record)
        if participant.id.key == current_user_id():
            current_user = participant
        else:
            other_user_ids.append(participant.id.key)
    if current_user is None:  # the sender left before the message was handled: name them by id
        current_user = {'username': current_user_id()}
    content = ''
    if 'body' in message:
        content = current_user['username'] + ": " + message['body']
    else:
        content = current_user['username'] + " sent you a file."
    notification = {'fcm': {
                       'notification': {
                           'title': conversation['title'],
                           'body': content
                       }
                    },
                    'apns': {
                        'aps': {
                            'alert': {
                                'title': conversation['title'],
                                'body': content
                            },
                            'from': 'skygear',
                            'operation': 'notification'
                        }
                    }
                   }
    push_users(container, other_user_ids, notification)


if __name__ == '__main__':
    serve()
